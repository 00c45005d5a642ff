// What the in-browser labelling benchmark runs inside the page. Timing lives here, in the page's
// own clock (performance.now()), because a Node ↔ browser round trip takes longer than the frame
// being measured. Node only presses keys and reads the records afterwards.
//
// The script is plain JavaScript in a string, not a function handed to Playwright: tsx compiles
// functions with esbuild's keepNames, whose `__name(…)` helper does not exist in the page.
import { z } from "zod";

/** The image the single-frame labelling page shows (components/labelling/frame-stage.tsx). */
export const LABEL_IMAGE = 'img[data-testid="label-image"]';

/**
 * Installed with `context.addInitScript` before the page's own scripts, so its capturing keydown
 * listener runs before the page's. Exposes `window.__kaoBench`:
 * - `presses`: each key press, with the frame on screen when it was pressed and the start of the
 *   next animation frame (the soonest anything the key changes can be painted);
 * - `frames`: each frame that came on screen: when its <img> entered the DOM, when `decode()`
 *   resolved, the first and second animation frame after that (the second runs once the frame that
 *   shows the picture has been produced, so it comes up to a frame after the paint), when the page
 *   itself marked it `data-painted`; and, in `elementTimings`, the Element Timing API's render time
 *   of the picture (the paint itself, as the browser reports it);
 * - `longFrames`: animation frames over 50 ms with the scripts that ran in them;
 * - `rafRounds(n)`: the gaps between n + 1 consecutive animation frames;
 * - `prefetchUrl(url)`: loads and decodes `url` as the page's ImagePrefetcher does;
 * - `paintUrl(url)`: a bare <img> for `url` on screen where the page shows its frames (fetch if
 *   not cached, decode, paint): the no-prefetch reference when `url` was never loaded, the floor
 *   for the page's way when it was prefetched, the floor for any page when it was painted before.
 */
export const PROBE_SCRIPT = String.raw`
(() => {
  const SELECTOR = ${JSON.stringify(LABEL_IMAGE)};
  const bench = { presses: [], frames: [], elementTimings: {}, errors: [] };
  window.__kaoBench = bench;
  const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => {
    const firstAt = performance.now();
    requestAnimationFrame(() => resolve({ firstAt, secondAt: performance.now() }));
  }));

  let pending = null;
  addEventListener("keydown", (event) => {
    if (event.repeat) return;
    const shown = document.querySelector(SELECTOR);
    const press = { key: event.key, at: performance.now(), eventTimeStamp: event.timeStamp, frameId: shown ? shown.getAttribute("data-frame-id") : null, nextFrameAt: null };
    // The start of the next animation frame: the soonest any change made by this key can be painted.
    requestAnimationFrame(() => { press.nextFrameAt = performance.now(); });
    pending = press;
    bench.presses.push(press);
  }, { capture: true });

  let shownId = null;
  const look = () => {
    const image = document.querySelector(SELECTOR);
    const id = image ? image.getAttribute("data-frame-id") : null;
    if (image && id && id !== shownId) {
      shownId = id;
      // Asks the browser for a paint timing of this picture (read back from a PerformanceObserver).
      image.setAttribute("elementtiming", id);
      const press = pending;
      pending = null;
      const record = {
        frameId: id,
        press: press ? bench.presses.indexOf(press) : -1,
        keyAt: press ? press.at : null,
        swappedAt: performance.now(),
        completeAtSwap: image.complete,
        decodedAt: null,
        firstRafAt: null,
        paintedAt: null,
        appPaintedAt: null,
        decodeError: null,
      };
      bench.frames.push(record);
      image.decode()
        .catch((error) => { record.decodeError = String(error); })
        .then(() => {
          record.decodedAt = performance.now();
          return twoFrames();
        })
        .then(({ firstAt, secondAt }) => {
          record.firstRafAt = firstAt;
          record.paintedAt = secondAt;
        });
    }
    const last = bench.frames[bench.frames.length - 1];
    if (image && last && last.frameId === id && last.appPaintedAt === null && image.getAttribute("data-painted") === "true") {
      last.appPaintedAt = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-frame-id", "data-painted"] });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.identifier) bench.elementTimings[entry.identifier] = entry.renderTime || null;
      }
    }).observe({ type: "element", buffered: true });
  } catch (error) {
    bench.errors.push("no Element Timing API: " + String(error));
  }
  // Animation frames over 50 ms (Long Animation Frames API), with the scripts that ran in them: what
  // makes the slow tail slow.
  bench.longFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longFrames.push({
          startTime: entry.startTime,
          duration: entry.duration,
          blockingDuration: entry.blockingDuration,
          renderStart: entry.renderStart,
          styleAndLayoutStart: entry.styleAndLayoutStart,
          scripts: entry.scripts.map((script) => ({ invoker: script.invoker, sourceFunctionName: script.sourceFunctionName, duration: script.duration, forcedStyleAndLayoutDuration: script.forcedStyleAndLayoutDuration })),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) {
    bench.errors.push("no Long Animation Frames API: " + String(error));
  }
  const renderTimeOf = async (identifier) => {
    // Element Timing entries are delivered after the frame is presented: wait up to half a second.
    for (let waited = 0; waited < 500 && !(identifier in bench.elementTimings); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    return bench.elementTimings[identifier] ?? null;
  };

  bench.rafRounds = async (rounds) => {
    const at = [];
    await new Promise((resolve) => {
      const tick = () => {
        at.push(performance.now());
        if (at.length > rounds) resolve();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return at.slice(1).map((time, i) => time - at[i]);
  };

  // Held like the page's ImagePrefetcher holds its Image objects, which keeps them in memory.
  const prefetched = [];
  bench.prefetchUrl = async (url) => {
    const image = new Image();
    image.decoding = "async";
    image.src = url;
    prefetched.push(image);
    await image.decode();
  };

  let painting = 0;
  bench.paintUrl = async (url) => {
    const identifier = "bench-reference-" + ++painting;
    const holder = document.createElement("div");
    // Where and as large as the page shows its frames: the same scaling and raster work.
    const shown = document.querySelector(SELECTOR);
    const box = shown ? shown.getBoundingClientRect() : { left: 0, top: 0, width: 640, height: 360 };
    holder.style.cssText = "position:fixed;z-index:2147483647;background:#000;left:" + box.left + "px;top:" + box.top + "px;width:" + box.width + "px;height:" + box.height + "px";
    const image = document.createElement("img");
    image.style.cssText = "width:100%;height:100%;object-fit:contain";
    image.setAttribute("elementtiming", identifier);
    const started = performance.now();
    const loaded = new Promise((resolve, reject) => {
      image.onload = () => resolve(performance.now());
      image.onerror = () => reject(new Error("could not load " + url));
    });
    image.src = url;
    holder.append(image);
    document.body.append(holder);
    try {
      const loadedAt = await loaded;
      await image.decode();
      const decodedAt = performance.now();
      const { secondAt } = await twoFrames();
      const renderedAt = await renderTimeOf(identifier);
      return { loaded: loadedAt - started, decoded: decodedAt - started, painted: secondAt - started, rendered: renderedAt === null ? null : renderedAt - started };
    } finally {
      holder.remove();
    }
  };
})();
`;

const time = z.number().nullable();

export const probeRecordsSchema = z.object({
  presses: z.array(z.object({ key: z.string(), at: z.number(), eventTimeStamp: z.number(), frameId: z.string().nullable(), nextFrameAt: time })),
  frames: z.array(
    z.object({
      frameId: z.string(),
      press: z.number().int(),
      keyAt: time,
      swappedAt: z.number(),
      completeAtSwap: z.boolean(),
      decodedAt: time,
      firstRafAt: time,
      paintedAt: time,
      appPaintedAt: time,
      decodeError: z.string().nullable(),
    }),
  ),
  elementTimings: z.record(z.string(), time),
  longFrames: z.array(
    z.object({
      startTime: z.number(),
      duration: z.number(),
      blockingDuration: z.number(),
      renderStart: z.number(),
      styleAndLayoutStart: z.number(),
      scripts: z.array(z.object({ invoker: z.string(), sourceFunctionName: z.string(), duration: z.number(), forcedStyleAndLayoutDuration: z.number() })),
    }),
  ),
  errors: z.array(z.string()),
});
export type ProbeRecords = z.infer<typeof probeRecordsSchema>;
export type FrameRecord = ProbeRecords["frames"][number];

export const rafRoundsSchema = z.array(z.number());
export const paintTimesSchema = z.object({ loaded: z.number(), decoded: z.number(), painted: z.number(), rendered: time });
export type PaintTimes = z.infer<typeof paintTimesSchema>;

/** Reads the records as plain data (the page's object also holds the helper functions). */
export const READ_RECORDS = "JSON.parse(JSON.stringify({ presses: window.__kaoBench.presses, frames: window.__kaoBench.frames, elementTimings: window.__kaoBench.elementTimings, longFrames: window.__kaoBench.longFrames, errors: window.__kaoBench.errors }))";
