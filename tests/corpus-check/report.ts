// `npm run corpus`: runs tests/corpus/ against the committed Alexa models and Dialogflow agent and
// prints, per intent and locale, how many requests resolve; then every request that does not.
import { loadCorpus } from "./load-corpus.js";
import { committedMatchers, describeFailure, runCorpus, summarize } from "./run-corpus.js";

const outcomes = runCorpus(await loadCorpus(), await committedMatchers());
console.log(summarize(outcomes));
const failures = outcomes.filter((o) => !o.ok);
for (const f of failures) console.log(describeFailure(f));
console.log(failures.length === 0 ? "every request resolves" : `${failures.length} requests do not resolve`);
if (failures.length > 0) process.exitCode = 1;
