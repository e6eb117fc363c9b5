/** The demo agency: units, staff, 30 real published documents and citizens' interaction, for trying the product. */
export { DEMO_PASSWORD, seedDemo, unchangedDemoAccounts } from './demo.seed.js';
