/// <reference lib="dom" />
// The page's planning form, in the browser. Bundled with ical-generator and the time-zone blocks
// into the page at build time (plan-form-script.ts): the event is made by the same
// restMomentIcs as the ready-made files, in the visitor's own time zone, and handed over as a
// download. Nothing is sent anywhere; it works from file:// too.
import type { PlanFormData } from "../render-plan-section.js";
import { restMomentIcs, restMomentUid, WEEK, WEEKDAYS, type Weekday } from "./rest-moment-ics.js";

function enhance(form: HTMLFormElement): void {
  const data = JSON.parse(form.dataset.plan ?? "{}") as PlanFormData;
  const boxes = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="day"]'));
  const modes = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="days"]'));
  const time = form.querySelector<HTMLInputElement>('input[name="time"]')!;
  const select = form.querySelector<HTMLSelectElement>('select[name="track"]')!;
  const error = form.querySelector<HTMLElement>(".plan-error")!;
  const status = form.querySelector<HTMLElement>(".plan-status")!;

  // The checkboxes always show the days that will be planned: "every day" and "weekdays" tick
  // them, and ticking one by hand means "days I choose".
  for (const mode of modes) {
    mode.addEventListener("change", () => {
      const days: readonly Weekday[] | undefined = mode.value === "every" ? WEEK : mode.value === "weekdays" ? WEEKDAYS : undefined;
      if (days) for (const box of boxes) box.checked = days.includes(box.value as Weekday);
      error.textContent = "";
    });
  }
  for (const box of boxes) {
    box.addEventListener("change", () => {
      const chosen = modes.find((m) => m.value === "chosen");
      if (chosen) chosen.checked = true;
      error.textContent = "";
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    status.textContent = "";
    const days = boxes.filter((b) => b.checked).map((b) => b.value as Weekday);
    if (days.length === 0) {
      error.textContent = data.noDays;
      boxes[0]?.focus();
      return;
    }
    // Some browsers add seconds ("21:30:00") when the step allows them.
    const at = time.value.slice(0, 5);
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) {
      error.textContent = data.noTime;
      time.setAttribute("aria-invalid", "true");
      time.focus();
      return;
    }
    time.removeAttribute("aria-invalid");
    error.textContent = "";
    const option = select.selectedOptions[0]!;
    const trackId = option.value;
    const page = new URL(location.href);
    page.hash = trackId;
    const now = new Date();
    const ics = restMomentIcs({
      days,
      time: at,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
      from: now,
      stamp: now,
      uid: restMomentUid(data.locale, trackId, days, at),
      lang: document.documentElement.lang,
      text: data.event,
      track: {
        exercise: option.dataset.exercise ?? "",
        variant: option.dataset.variant ?? "",
        duration: option.dataset.duration ?? "",
        durationMs: Number(option.dataset.ms),
        pageUrl: page.href,
        mp3Url: new URL(option.dataset.mp3 ?? "", location.href).href,
      },
    });
    const file = `rustpunt-${trackId}.ics`;
    const url = URL.createObjectURL(new Blob([ics], { type: "text/calendar;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = file;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = data.downloaded.replace("{file}", file);
  });

  form.hidden = false;
}

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>("form.plan-form"))) enhance(form);
