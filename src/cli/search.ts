import { reindexAll } from '../modules/search/index.js';
import { CliError, withDb, type CliCommand } from './command.js';

/** `search reindex`: the whole index rebuilt, safe while servers run. */
export const searchCommand: CliCommand = {
  name: 'search',
  usage: ['search reindex                   rebuild the search index (safe while the server runs)'],
  run: async (config, [sub]) => {
    if (sub !== 'reindex') throw new CliError('usage: gongkai search reindex');
    return withDb(config, async (ctx) => {
      const started = Date.now();
      let last = 0;
      const result = await reindexAll(ctx.db, ({ done, total }) => {
        // One progress line a second on a terminal is plenty; always the first and the last.
        if (done === 0 || done === total || Date.now() - last > 1000) {
          last = Date.now();
          process.stderr.write(`indexing ${done}/${total} items\n`);
        }
      });
      console.log(`indexed ${result.done} items in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  },
};
