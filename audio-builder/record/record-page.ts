// The recording page: one sentence at a time with its context, recorded from the microphone as
// PCM (capture-worklet.ts), played back, then kept or redone, all from the keyboard:
// Space records and stops, P plays back, Enter keeps, R redoes, arrows move between sentences.
// The level checks use the same thresholds as the server (recordings/take-levels.ts).
import type { Locale } from "../model/script-schema.js";
import { CLIP_LEVEL, MIN_AUDIBLE_SHARE, MIN_CLIPPED_SAMPLES, SILENT_FRAME_DB } from "../recordings/take-levels.js";
import { TAKE_SAMPLE_RATE } from "../recordings/take-format.js";

const SLOW_HINT: Record<Locale, string> = { "nl-NL": "langzaam (slow: true)", "en-US": "slow (slow: true)" };
const NORMAL_HINT: Record<Locale, string> = { "nl-NL": "rustig", "en-US": "calm" };

export function recordPage(locale: Locale): string {
  const config = JSON.stringify({
    sampleRate: TAKE_SAMPLE_RATE,
    clipLevel: CLIP_LEVEL,
    minClipped: MIN_CLIPPED_SAMPLES,
    silentFrameDb: SILENT_FRAME_DB,
    minAudibleShare: MIN_AUDIBLE_SHARE,
    hints: { slow: SLOW_HINT[locale], normal: NORMAL_HINT[locale] },
  });
  return `<!doctype html>
<html lang="${locale.slice(0, 2)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rustpunt: record</title>
<style>
body { font: 18px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2b2a; background: #f6f8f7; }
.context { color: #6b7a78; }
#sentence { font-size: 1.8rem; line-height: 1.3; margin: .5rem 0; }
#state { font-weight: 600; }
#state.recording { color: #b3261e; }
.warn { color: #8a4b00; }
#error { color: #b3261e; }
kbd { border: 1px solid #9aa; border-radius: 4px; padding: 0 .3em; background: #fff; }
ul#exercises { padding-left: 1.2rem; }
</style>
</head>
<body>
<h1>Rustpunt: <span id="narrator"></span></h1>
<p id="progress" aria-live="polite"></p>
<ul id="exercises"></ul>
<main>
<p><span id="exercise"></span> · <span id="position"></span> · pace: <span id="pace"></span></p>
<p id="changed" class="warn" hidden></p>
<p class="context" id="before"></p>
<p id="sentence"></p>
<p class="context" id="after"></p>
<p id="state" aria-live="assertive">Press Space to record.</p>
<ul id="warnings" class="warn" aria-live="polite"></ul>
<p id="error" role="alert"></p>
<audio id="playback" controls hidden></audio>
</main>
<p><kbd>Space</kbd> record / stop · <kbd>P</kbd> play back · <kbd>Enter</kbd> keep · <kbd>R</kbd> redo · <kbd>←</kbd> <kbd>→</kbd> previous / next</p>
<script>
"use strict";
const C = ${config};
const $ = (id) => document.getElementById(id);
let session, at = 0, take = null, recording = null, busy = false;

async function load() {
  session = await (await fetch("/api/session")).json();
  $("narrator").textContent = session.narrator + " (" + session.locale + ")";
  show();
}
function sentence() { return session.sentences.find((s) => s.key === session.queue[at]); }
function show() {
  const done = session.sentences.filter((s) => s.status === "recorded").length;
  $("progress").textContent = done + " of " + session.sentences.length + " sentences recorded";
  $("exercises").replaceChildren(...session.exercises.map((e) => {
    const li = document.createElement("li");
    li.textContent = e.title + ": " + e.recorded + " of " + e.total;
    return li;
  }));
  const s = sentence();
  if (!s) { $("sentence").textContent = "Every sentence has a take."; $("state").textContent = "Done."; return; }
  $("exercise").textContent = s.exerciseTitle;
  $("position").textContent = (at + 1) + " / " + session.queue.length;
  $("pace").textContent = C.hints[s.rate];
  $("before").textContent = s.before ? "… " + s.before : "";
  $("sentence").textContent = s.text;
  $("after").textContent = s.after ? s.after + " …" : "";
  $("changed").hidden = s.status !== "changed";
  $("changed").textContent = s.status === "changed" ? "Changed since its take, which says: " + s.was : "";
  $("state").textContent = s.status === "recorded" ? "Recorded. Space records it again." : "Press Space to record.";
  $("state").className = "";
  $("warnings").replaceChildren();
  $("error").textContent = "";
  // A sentence already recorded: its kept take is in the player (P plays it).
  $("playback").hidden = s.status !== "recorded";
  if (s.status === "recorded") $("playback").src = "/api/takes/" + s.key + "?t=" + Date.now();
  else $("playback").removeAttribute("src");
  take = null;
}

async function start() {
  $("error").textContent = "";
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  const context = new AudioContext({ sampleRate: C.sampleRate });
  await context.audioWorklet.addModule("/capture-worklet.js");
  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, "rustpunt-capture", { channelCount: 1, channelCountMode: "explicit" });
  const chunks = [];
  node.port.onmessage = (e) => chunks.push(e.data);
  const mute = context.createGain();
  mute.gain.value = 0;
  source.connect(node).connect(mute).connect(context.destination);
  recording = { stream, context, chunks };
  $("state").textContent = "Recording… Space stops.";
  $("state").className = "recording";
}

async function stop() {
  const { stream, context, chunks } = recording;
  recording = null;
  stream.getTracks().forEach((t) => t.stop());
  await context.close();
  const length = chunks.reduce((n, c) => n + c.length, 0);
  const pcm = new Int16Array(length);
  let i = 0;
  for (const c of chunks) for (const v of c) pcm[i++] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  take = { pcm, wav: wav(pcm) };
  $("playback").src = URL.createObjectURL(take.wav);
  $("playback").hidden = false;
  const seconds = (pcm.length / C.sampleRate).toFixed(1);
  $("state").textContent = "Take of " + seconds + " s. P plays it back, Enter keeps it, R redoes it.";
  $("state").className = "";
  $("warnings").replaceChildren(...warnings(pcm).map((w) => { const li = document.createElement("li"); li.textContent = w; return li; }));
}

function warnings(pcm) {
  const frame = Math.round(C.sampleRate * 0.02), gate = (10 ** (C.silentFrameDb / 20) * 32768) ** 2;
  let clipped = 0, frames = 0, audible = 0;
  for (let s = 0; s < pcm.length; s += frame) {
    let sum = 0; const end = Math.min(pcm.length, s + frame);
    for (let i = s; i < end; i++) { if (Math.abs(pcm[i]) >= C.clipLevel * 32767) clipped++; sum += pcm[i] * pcm[i]; }
    frames++; if (sum / (end - s) > gate) audible++;
  }
  const out = [];
  if (clipped >= C.minClipped) out.push("Clipping: the take hits full scale. Move back from the microphone or lower its gain, then redo.");
  if (frames === 0 || audible / frames < C.minAudibleShare) out.push("Mostly silence: little speech was heard. Check the microphone, then redo.");
  return out;
}

function wav(pcm) {
  const b = new DataView(new ArrayBuffer(44 + pcm.length * 2));
  const tag = (o, s) => { for (let i = 0; i < 4; i++) b.setUint8(o + i, s.charCodeAt(i)); };
  tag(0, "RIFF"); b.setUint32(4, 36 + pcm.length * 2, true); tag(8, "WAVE"); tag(12, "fmt ");
  b.setUint32(16, 16, true); b.setUint16(20, 1, true); b.setUint16(22, 1, true); b.setUint32(24, C.sampleRate, true);
  b.setUint32(28, C.sampleRate * 2, true); b.setUint16(32, 2, true); b.setUint16(34, 16, true); tag(36, "data");
  b.setUint32(40, pcm.length * 2, true);
  for (let i = 0; i < pcm.length; i++) b.setInt16(44 + i * 2, pcm[i], true);
  return new Blob([b.buffer], { type: "audio/wav" });
}

async function keep() {
  const s = sentence();
  if (!take || !s) return;
  $("state").textContent = "Saving…";
  const res = await fetch("/api/takes/" + s.key, { method: "PUT", headers: { "content-type": "audio/wav" }, body: take.wav });
  const answer = await res.json().catch(() => ({ error: "the server gave no answer" }));
  if (!res.ok) { $("error").textContent = "Not saved: " + answer.error; $("state").textContent = "Enter tries again, R redoes."; return; }
  s.status = "recorded";
  session.exercises = (await (await fetch("/api/session")).json()).exercises;
  if (at < session.queue.length - 1) at++;
  show();
  $("state").textContent = "Kept. " + $("state").textContent;
}

document.addEventListener("keydown", (event) => {
  if (busy || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
  const act = {
    " ": () => (recording ? stop() : start()),
    Enter: () => (recording ? null : keep()),
    r: () => { if (recording) return null; take = null; return start(); },
    p: () => (!recording && $("playback").getAttribute("src") ? $("playback").play() : null),
    ArrowRight: () => { if (!recording && at < session.queue.length - 1) { at++; show(); } },
    ArrowLeft: () => { if (!recording && at > 0) { at--; show(); } },
  }[event.key.length === 1 ? event.key.toLowerCase() : event.key];
  if (!act) return;
  event.preventDefault();
  busy = true;
  Promise.resolve(act()).catch((e) => { $("error").textContent = String(e && e.message || e); }).finally(() => { busy = false; });
});
load().catch((e) => { $("error").textContent = "Could not load the session: " + e.message; });
</script>
</body>
</html>
`;
}
