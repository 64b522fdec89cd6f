// The page's stylesheet, inlined so the page needs nothing from elsewhere (works from file:// and
// any static host, loads nothing from a third party). Calm colours, large targets, visible focus,
// one column that fits a 360 px phone.
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f6f4ef; --fg: #1f2a2e; --muted: #4d5b60; --card: #ffffff; --line: #d9d4c7;
  --accent: #2f6f73; --accent-soft: #cfe4e2; --exhale: #b8c9e6; --focus: #b3471d;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #142024; --fg: #e8ece9; --muted: #b0bcbb; --card: #1c2b30; --line: #34484d;
    --accent: #8ccfc9; --accent-soft: #29504f; --exhale: #39507a; --focus: #ffb38a; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 1rem; }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem 1rem; }
header.site h1 { margin: .5rem 0 0; font-size: 2rem; letter-spacing: .01em; }
.tagline { margin: .25rem 0 1rem; color: var(--muted); font-size: 1.125rem; }
a { color: var(--accent); text-underline-offset: .15em; }
a:focus-visible, summary:focus-visible, audio:focus-visible, button:focus-visible,
input:focus-visible, select:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 3px; border-radius: 4px; }
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; background: var(--card); padding: .5rem 1rem; z-index: 1; }
.note { border-left: 4px solid var(--accent); background: var(--card); padding: .75rem 1rem; border-radius: 0 8px 8px 0; }
h2 { font-size: 1.5rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.3rem; margin: 0 0 .25rem; }
h4 { font-size: 1.05rem; margin: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1rem; margin: 0 0 1.25rem; }
.source { color: var(--muted); font-size: .9rem; margin: .5rem 0 0; }
ul.tracks { list-style: none; margin: 1rem 0 0; padding: 0; display: grid; gap: .75rem; }
li.track { border-top: 1px solid var(--line); padding-top: .75rem; }
.track-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .25rem 1rem; align-items: baseline; }
.duration { color: var(--muted); font-variant-numeric: tabular-nums; margin: 0; }
audio { display: block; width: 100%; margin: .5rem 0; }
.download { display: inline-block; padding: .35rem 0; }
details { margin: .25rem 0 0; }
summary { cursor: pointer; padding: .35rem 0; color: var(--accent); }
.transcript h5 { font-size: 1rem; margin: .75rem 0 .25rem; }
.transcript p { margin: 0 0 .35rem; }
.breath { display: flex; align-items: center; gap: 1rem; margin: 1rem 0 0; padding: .75rem; border-radius: 12px; background: var(--bg); }
.breath-stage { flex: 0 0 9rem; width: 9rem; height: 9rem; display: grid; place-items: center; }
.breath-circle { width: 100%; height: 100%; border-radius: 50%; background: var(--accent-soft);
  border: 2px solid var(--accent); transform: scale(.5); animation-fill-mode: both; animation-timing-function: ease-in-out; }
.breath[data-phase="inhale"] .breath-circle { animation-name: rp-inhale; }
.breath[data-phase="hold"] .breath-circle { transform: scale(1); }
.breath[data-phase="exhale"] .breath-circle { animation-name: rp-exhale; background: var(--exhale); }
.breath[data-playing="false"] .breath-circle { animation-play-state: paused; }
@keyframes rp-inhale { from { transform: scale(.5); } to { transform: scale(1); } }
@keyframes rp-exhale { from { transform: scale(1); } to { transform: scale(.5); } }
.breath-text h4 { margin-bottom: .25rem; }
.breath-label { font-size: 1.25rem; font-weight: 600; margin: 0; min-height: 1.6em; }
.breath-help { margin: .25rem 0 0; color: var(--muted); font-size: .95rem; }
@media (prefers-reduced-motion: reduce) {
  /* No scaling: the phase shows as colour and words only. */
  .breath-circle { animation: none !important; transform: none !important; transition: none !important; }
  .breath[data-phase="inhale"] .breath-circle { background: var(--accent-soft); }
  .breath[data-phase="hold"] .breath-circle { background: var(--accent); }
  .breath[data-phase="exhale"] .breath-circle { background: var(--exhale); }
}
ol.info-items { padding-left: 1.25rem; }
ol.info-items li { margin: 0 0 .5rem; }
code { overflow-wrap: anywhere; font-size: .9em; }
.plan-form { display: grid; gap: 1rem; margin: 1rem 0; }
.plan-form[hidden] { display: none; }
.plan-form fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 0; padding: .5rem 1rem .75rem; min-width: 0; }
.plan-form legend, .plan-field label { font-weight: 600; padding: 0 .25rem; }
.plan-modes, .plan-daylist { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.plan-daylist { margin-top: .5rem; padding-top: .5rem; border-top: 1px dashed var(--line); }
.plan-form label { display: inline-flex; align-items: center; gap: .4rem; min-height: 2.75rem; cursor: pointer; }
.plan-form input[type="radio"], .plan-form input[type="checkbox"] { flex: none; width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--accent); }
.plan-field { display: grid; gap: .25rem; justify-items: start; }
.plan-field label { min-height: 0; padding: 0; }
.plan-form input[type="time"], .plan-form select { font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--muted); border-radius: 6px; padding: .5rem .6rem; min-height: 2.75rem; max-width: 100%; }
.plan-form select { width: 100%; }
.plan-form button { font: inherit; font-weight: 600; color: var(--card); background: var(--accent); border: 0;
  border-radius: 8px; padding: .7rem 1.2rem; min-height: 2.75rem; cursor: pointer; }
/* The messages stay in the accessibility tree when empty (live regions must exist before they speak). */
.plan-submit { display: flex; flex-direction: column; align-items: flex-start; }
.plan-error { color: var(--focus); font-weight: 600; margin: 0; }
.plan-error:not(:empty) { margin-bottom: .5rem; }
.plan-status { margin: 0; }
.plan-status:not(:empty) { margin-top: .5rem; }
ul.plan-ready { padding-left: 1.25rem; }
ul.plan-ready li { margin: 0 0 .5rem; }
ul.plan-ready a { display: inline-block; padding: .35rem 0; }
footer { margin: 2rem 0 1rem; color: var(--muted); font-size: .9rem; }
@media (max-width: 30rem) {
  .wrap { padding: .75rem; }
  header.site h1 { font-size: 1.7rem; }
  .breath { flex-direction: column; text-align: center; }
  .breath-stage { flex-basis: auto; }
}
`;
