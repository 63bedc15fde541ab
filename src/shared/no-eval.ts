/**
 * The pane's page runs under a Content-Security-Policy with no 'unsafe-eval'
 * (webpack.config.js; its worker too, where the server sends the policy as a
 * header). zod v4 probes once whether it may compile
 * parsers with `new Function("")`; under the policy the probe is refused and
 * reported as a violation, and zod falls back to interpreting. Saying "jitless"
 * up front skips the probe: the same parsing, no violation. Imported first by
 * each entry that runs in the browser (the pane, the functions, the worker);
 * the CLI keeps zod's compiled parsers.
 */
import { z } from "zod";

z.config({ jitless: true });
