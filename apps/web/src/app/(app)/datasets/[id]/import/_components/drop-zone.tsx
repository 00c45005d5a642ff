"use client";

import { useEffect, useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/button";
import { ACCEPTED_EXTENSIONS } from "@/lib/upload-files";
import { filesFromDrop, selectFile, type SelectedFile } from "./dropped-files";

/** Drop files or folders here, or pick them: files (several at once) or a whole folder. */
export function DropZone({ onFiles, disabled = false }: { onFiles: (files: SelectedFile[]) => void; disabled?: boolean }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [reading, setReading] = useState(false);

  // React has no prop for these non-standard (but universally supported) attributes.
  // `data-ready` also says the inputs' handlers are attached: the page content hydrates inside the
  // loading boundary, after the root, and a file chosen before that is lost (browser tests wait for it).
  useEffect(() => {
    folderInput.current?.setAttribute("webkitdirectory", "");
    folderInput.current?.setAttribute("directory", "");
    fileInput.current?.setAttribute("data-ready", "true");
  }, []);

  function pick(input: HTMLInputElement) {
    const files = Array.from(input.files ?? [], (file) => selectFile(file));
    // Reset, so that choosing the same file again fires `change` again.
    input.value = "";
    if (files.length) onFiles(files);
  }

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    setReading(true);
    filesFromDrop(event.dataTransfer)
      .then(onFiles)
      .catch((error: unknown) => console.error("could not read the dropped files", error))
      .finally(() => setReading(false));
  }

  function handleDragOver(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? "none" : "copy";
    if (!disabled) setDragging(true);
  }

  return (
    <div
      data-testid="drop-zone"
      onDragOver={handleDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={handleDrop}
      className={`flex flex-col items-center rounded-xl border-2 border-dashed px-6 py-10 text-center transition ${
        dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-white"
      } ${disabled ? "opacity-60" : ""}`}
    >
      <div className={`mb-3 flex size-12 items-center justify-center rounded-full ${dragging ? "bg-indigo-100 text-indigo-600" : "bg-slate-100 text-slate-500"}`} aria-hidden="true">
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5" />
          <path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
        </svg>
      </div>
      <p className="text-sm font-semibold text-slate-900">{reading ? "Reading the dropped folders…" : "Drop videos, images, zips or whole folders here"}</p>
      <p className="mt-1 text-xs text-slate-500">Videos: MP4, MKV, WebM, AVI, MOV · Images: PNG, JPEG, WebP · Zips of images</p>
      <div className="mt-5 flex flex-wrap justify-center gap-2">
        <Button variant="secondary" disabled={disabled} onClick={() => fileInput.current?.click()}>
          Choose files
        </Button>
        <Button variant="secondary" disabled={disabled} onClick={() => folderInput.current?.click()}>
          Choose a folder
        </Button>
      </div>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={ACCEPTED_EXTENSIONS.join(",")}
        aria-label="Files to import"
        data-testid="file-input"
        hidden
        disabled={disabled}
        onChange={(event) => pick(event.currentTarget)}
      />
      <input ref={folderInput} type="file" multiple aria-label="Folder to import" data-testid="folder-input" hidden disabled={disabled} onChange={(event) => pick(event.currentTarget)} />
    </div>
  );
}
