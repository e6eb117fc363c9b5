import { parseArgs } from 'node:util';
import { createUser, firstAgencyCode, grantRole, isRole, operatorCaller, ROLES } from '../modules/accounts/index.js';
import { createOrg, CreateOrgBody } from '../modules/organisations/index.js';
import { parseOrThrow } from '../shared/validation.js';
import { CliError, readStdin, withDb, type CliCommand } from './command.js';

const USER_ADD = 'usage: gongkai user add --username U --role ROLE --org ORGCODE --password-stdin';

/** `user add`: a staff account with one role, set up by the operator (the first administrators of an installation). */
export const userCommand: CliCommand = {
  name: 'user',
  usage: ['user add --username U --role ROLE --org ORGCODE --password-stdin [--name NAME]'],
  run: async (config, [sub, ...rest]) => {
    if (sub !== 'add') throw new CliError(USER_ADD);
    const { values } = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        org: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
    const { username, role, org } = values;
    if (!username || !role || !org) throw new CliError('--username, --role and --org are required');
    if (!isRole(role)) throw new CliError(`unknown role ${role}: one of ${ROLES.join(', ')}`);
    if (!values['password-stdin']) throw new CliError('--password-stdin is required: the password is read from standard input');
    const password = await readStdin();
    return withDb(config, async (ctx) => {
      const operator = operatorCaller(ctx);
      // A platform-wide role ('*') lives on a user whose home organisation is the first agency.
      const homeOrg = org === '*' ? await firstAgencyCode(ctx.db.kysely) : org;
      if (!homeOrg) throw new CliError('no organisation exists yet: create one with gongkai org add');
      const user = await createUser(operator, { username, displayName: values.name ?? username, org: homeOrg, email: null, phone: null, password });
      await grantRole(operator, user.id, role, org);
      console.log(`created user ${user.username} (${role} @ ${org})`);
    });
  },
};

/** `org add`: an agency (no parent) or a unit. */
export const orgCommand: CliCommand = {
  name: 'org',
  usage: ['org add --code CODE --name NAME [--parent CODE]'],
  run: async (config, [sub, ...rest]) => {
    if (sub !== 'add') throw new CliError('usage: gongkai org add --code CODE --name NAME [--parent CODE]');
    const { values } = parseArgs({ args: rest, options: { code: { type: 'string' }, name: { type: 'string' }, parent: { type: 'string' } } });
    const input = parseOrThrow(CreateOrgBody, { code: values.code, name: values.name, parentCode: values.parent });
    return withDb(config, async (ctx) => {
      const org = await createOrg(operatorCaller(ctx), input);
      console.log(`created ${org.kind} ${org.code} ${org.name}`);
    });
  },
};
