// The page's "plan a moment of rest" section. Without JavaScript it is a list of ready-made
// calendar files; the script (calendar/plan-form.browser.ts, inlined) reveals the form, which
// makes a file for the visitor's own days, time, exercise and time zone.
import type { CatalogExercise, CatalogTrack } from "../catalog/catalog-types.js";
import { ALARM_MINUTES_BEFORE, WEEK } from "./calendar/rest-moment-ics.js";
import type { ReadyMadeCalendar } from "./calendar/ready-made.js";
import { escapeHtml as h, escapeUrlPath as u } from "./html-escape.js";
import { clockLabel, timeOfDayLabel, variantLabel, type SiteText } from "./site-text.js";

/** What the form's script needs besides the form itself. */
export interface PlanFormData {
  locale: string;
  event: SiteText["plan"]["event"];
  downloaded: string;
  noDays: string;
  noTime: string;
}

const DEFAULT_PLAN_TIME = "21:30";

export function renderPlanSection(
  text: SiteText,
  locale: string,
  exercises: readonly { exercise: CatalogExercise; tracks: readonly CatalogTrack[] }[],
  readyMade: readonly ReadyMadeCalendar[],
): string {
  const t = text.plan;
  const data: PlanFormData = { locale, event: t.event, downloaded: t.downloaded, noDays: t.noDays, noTime: t.noTime };
  const options = exercises
    .map(
      ({ exercise, tracks }) => `<optgroup label="${h(exercise.title)}">
${tracks
  .map((track) => {
    const variant = variantLabel(text, track.length, track.ending);
    return `<option value="${h(track.id)}" data-exercise="${h(exercise.title)}" data-variant="${h(variant)}" data-duration="${h(clockLabel(track.durationMs))}" data-ms="${track.durationMs}" data-mp3="${u(track.files.download.path)}">${h(`${exercise.title}: ${variant} (${clockLabel(track.durationMs)})`)}</option>`;
  })
  .join("\n")}
</optgroup>`,
    )
    .join("\n");
  const days = WEEK.map(
    (d) => `<label class="plan-day"><input type="checkbox" name="day" value="${d}" checked> ${h(t.dayNames[d])}</label>`,
  ).join("\n");
  const byExercise = new Map<string, ReadyMadeCalendar[]>();
  for (const r of readyMade) byExercise.set(r.exercise.id, [...(byExercise.get(r.exercise.id) ?? []), r]);
  const ready = [...byExercise.values()]
    .map(
      (files) =>
        `<li>${h(files[0]!.exercise.title)}: ${files
          .map((r) => {
            const label = (r.choice.id === "every-evening" ? t.everyEvening : t.weekdayMornings).replace("{time}", timeOfDayLabel(text, r.choice.time));
            return `<a href="${u(r.file)}" download type="text/calendar">${h(label)}</a>`;
          })
          .join(" · ")}</li>`,
    )
    .join("\n");

  return `<h2 id="plan">${h(t.heading)}</h2>
<section class="plan card" aria-labelledby="plan">
<p>${h(t.intro.replace("{minutes}", String(ALARM_MINUTES_BEFORE)))}</p>
<form class="plan-form" hidden data-plan="${h(JSON.stringify(data))}" novalidate>
<fieldset class="plan-days" aria-describedby="plan-error">
<legend>${h(t.days)}</legend>
<div class="plan-modes">
<label><input type="radio" name="days" value="every" checked> ${h(t.everyDay)}</label>
<label><input type="radio" name="days" value="weekdays"> ${h(t.weekdays)}</label>
<label><input type="radio" name="days" value="chosen"> ${h(t.chosenDays)}</label>
</div>
<div class="plan-daylist">
${days}
</div>
</fieldset>
<div class="plan-field">
<label for="plan-time">${h(t.time)}</label>
<input type="time" id="plan-time" name="time" value="${DEFAULT_PLAN_TIME}" required aria-describedby="plan-error">
</div>
<div class="plan-field">
<label for="plan-track">${h(t.exercise)}</label>
<select id="plan-track" name="track">
${options}
</select>
</div>
<div class="plan-submit">
<p class="plan-error" id="plan-error" role="alert"></p>
<button type="submit">${h(t.download)}</button>
<p class="plan-status" role="status"></p>
</div>
</form>
${ready ? `<h3>${h(t.readyHeading)}</h3>\n<p>${h(t.readyIntro.replace("{zone}", t.readyZone.label))}</p>\n<ul class="plan-ready">\n${ready}\n</ul>` : ""}
</section>`;
}
