// The breathing companion's inline script. It follows the playing track's own breathing cues
// (ids breath-<n>-<phase>, see audio/render-vtt.ts) from its <track> through the TextTrack API.
// Browsers refuse to load <track> files from file://, so each <audio> also carries the same cues,
// read from the same VTT at build time, in data-breaths; the script uses them only when the
// TextTrack has no cues.
//
// The circle is a CSS animation per phase (see page-style.ts) whose duration is the cue's length
// and whose negative delay is how far into the cue the track already is: after a seek or a pause
// it resumes exactly where the audio is, which a plain transition cannot do. The phase word goes
// into an aria-live="polite" region only when the phase changes, so a screen reader is not flooded.
export const BREATH_COMPANION_SCRIPT = `
(function () {
  "use strict";
  var BREATH_ID = /^breath-\\d+-(inhale|hold|exhale)$/;

  function embeddedCues(audio) {
    var raw = audio.getAttribute("data-breaths") || "";
    return raw.split(" ").filter(Boolean).map(function (part) {
      var bits = part.split(":");
      return { phase: bits[0], start: Number(bits[1]), end: Number(bits[2]) };
    });
  }

  function trackCues(track) {
    if (!track || !track.cues || track.cues.length === 0) return null;
    var out = [];
    for (var i = 0; i < track.cues.length; i++) {
      var cue = track.cues[i];
      var match = BREATH_ID.exec(cue.id);
      if (match) out.push({ phase: match[1], start: cue.startTime, end: cue.endTime });
    }
    return out;
  }

  function companion(section) {
    var box = section.querySelector(".breath");
    if (!box) return;
    var label = box.querySelector(".breath-label");
    var circle = box.querySelector(".breath-circle");
    var words = JSON.parse(box.getAttribute("data-words"));
    var shown = { audio: null, phase: "", start: -1 };

    function show(audio) {
      var textTrack = audio.querySelector("track") ? audio.querySelector("track").track : null;
      var fromTrack = trackCues(textTrack);
      var cues = fromTrack || embeddedCues(audio);
      box.setAttribute("data-cue-source", fromTrack ? "track" : "embedded");
      var t = audio.currentTime;
      var cue = null;
      for (var i = 0; i < cues.length; i++) {
        if (cues[i].start <= t && t < cues[i].end) { cue = cues[i]; break; }
      }
      var phase = cue ? cue.phase : "none";
      box.setAttribute("data-playing", audio.paused || audio.ended ? "false" : "true");
      if (cue) {
        circle.style.animationDuration = (cue.end - cue.start).toFixed(3) + "s";
        circle.style.animationDelay = (-(t - cue.start)).toFixed(3) + "s";
      }
      if (shown.audio === audio && shown.phase === phase && shown.start === (cue ? cue.start : -1)) return;
      shown = { audio: audio, phase: phase, start: cue ? cue.start : -1 };
      box.setAttribute("data-phase", phase);
      var word = cue ? words[phase] : words.none;
      if (label.textContent !== word) label.textContent = word;
    }

    var players = section.querySelectorAll("audio[data-breaths]");
    Array.prototype.forEach.call(players, function (audio) {
      var element = audio.querySelector("track");
      var textTrack = element ? element.track : null;
      // "hidden" loads the cues and fires cuechange without drawing them; a person who turns the
      // captions on in the player's menu switches it to "showing", which keeps both working.
      // From file:// the browser refuses the VTT anyway (and logs an error): use the embedded cues.
      if (textTrack && textTrack.mode === "disabled" && location.protocol !== "file:") textTrack.mode = "hidden";
      var update = function () { show(audio); };
      ["play", "playing", "pause", "seeked", "timeupdate", "ended", "loadedmetadata"].forEach(function (type) {
        audio.addEventListener(type, update);
      });
      if (textTrack) textTrack.addEventListener("cuechange", update);
      if (element) element.addEventListener("load", function () { if (shown.audio === audio) update(); });
    });
  }

  // One track at a time: starting one pauses the others.
  document.addEventListener("play", function (event) {
    var players = document.querySelectorAll("audio");
    for (var i = 0; i < players.length; i++) if (players[i] !== event.target) players[i].pause();
  }, true);

  Array.prototype.forEach.call(document.querySelectorAll(".exercise"), companion);
})();
`;
