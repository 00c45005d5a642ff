import type { FileLike } from "@/lib/upload-files";

/** A file chosen for import, with the folder path it was picked or dropped with. */
export interface SelectedFile extends FileLike {
  file: File;
  name: string;
  size: number;
  lastModified: number;
  webkitRelativePath: string;
}

export function selectFile(file: File, path = file.webkitRelativePath): SelectedFile {
  return { file, name: file.name, size: file.size, lastModified: file.lastModified, webkitRelativePath: path };
}

/**
 * The files of a drop, folders included (walked recursively). The entries must be taken from the
 * DataTransfer synchronously, inside the drop handler; reading them may happen later.
 */
export function filesFromDrop(data: DataTransfer): Promise<SelectedFile[]> {
  const entries = Array.from(data.items)
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    return Promise.resolve(Array.from(data.files, (file) => selectFile(file)));
  }
  return Promise.all(entries.map((entry) => readEntry(entry as FileSystemEntry))).then((lists) => lists.flat());
}

async function readEntry(entry: FileSystemEntry): Promise<SelectedFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [selectFile(file, entry.fullPath.replace(/^\/+/, ""))];
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in chunks (100 in Chrome) until it answers an empty list.
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) break;
    children.push(...chunk);
  }
  const lists = await Promise.all(children.map(readEntry));
  return lists.flat();
}
