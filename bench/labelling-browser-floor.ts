// The bare page of the in-browser labelling benchmark: the least a labelling page can do on a key
// press. It shows the same pictures where the real page shows them, prefetches the next five the
// way the real page does (Image + decode()), and on F / N puts the next picture's <img> in place;
// no framework, no decision sent, nothing else on screen. Keys and timing are the same as for the
// real page, so the two key → painted figures differ only by what the real page does.
// It carries the real page's markers (data-testid, data-frame-id, data-painted) for the probe.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The HTML of the bare page for `urls` (shown in order, the first at once), in a stage at `box`. */
export function floorPageHtml(options: { urls: readonly string[]; box: Box }): string {
  const { box } = options;
  const script = String.raw`
    const urls = ${JSON.stringify(options.urls)};
    const stage = document.getElementById("stage");
    const held = [];
    let at = 0;
    const prefetch = () => {
      for (let i = at + 1; i <= at + 5 && i < urls.length; i++) {
        if (held[i]) continue;
        const image = new Image();
        image.decoding = "async";
        image.src = urls[i];
        image.decode().catch((error) => console.error("prefetch failed", error));
        held[i] = image;
      }
    };
    const show = () => {
      const image = document.createElement("img");
      image.dataset.testid = "label-image";
      image.dataset.frameId = "floor-" + at;
      image.alt = "frame " + at;
      image.onload = () => image.decode().catch((error) => console.error("decode failed", error)).then(() => requestAnimationFrame(() => image.setAttribute("data-painted", "true")));
      image.src = urls[at];
      stage.replaceChildren(image);
      prefetch();
    };
    addEventListener("keydown", (event) => {
      if ((event.key !== "f" && event.key !== "n") || at + 1 >= urls.length) return;
      at += 1;
      show();
    });
    show();
  `;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare labelling page</title>
<style>
  body { margin: 0; background: #f8fafc; }
  #stage { position: absolute; left: ${box.left}px; top: ${box.top}px; width: ${box.width}px; height: ${box.height}px;
           display: flex; align-items: center; justify-content: center; overflow: hidden; border-radius: 12px; background: #0f172a; }
  #stage img { max-width: 100%; max-height: 100%; object-fit: contain; }
</style></head>
<body><div id="stage"></div><script>${script}</script></body></html>`;
}
