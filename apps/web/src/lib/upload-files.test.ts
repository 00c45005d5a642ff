import { describe, expect, it } from "vitest";
import { addToSelection, fileKey, matchUploadAnswers, planUploadBatches, rejectionReason, uploadKind } from "./upload-files";

const MB = 1024 * 1024;
const file = (name: string, size = 1, webkitRelativePath = "") => ({ name, size, lastModified: 1, webkitRelativePath });

describe("uploadKind", () => {
  it("knows the API's extensions, in any case", () => {
    expect(uploadKind("ep01.MKV")).toBe("VIDEO");
    expect(uploadKind("a.b.jpeg")).toBe("IMAGE");
    expect(uploadKind("art.zip")).toBe("ZIP");
    expect(uploadKind("notes.txt")).toBeNull();
    expect(uploadKind("README")).toBeNull();
  });
});

describe("addToSelection", () => {
  it("keeps importable files once each, in natural path order", () => {
    const first = addToSelection([], [file("ep10.mp4"), file("ep2.mp4"), file("notes.txt"), file(".DS_Store"), file("._ep3.mp4")]);
    expect(first.selection.map((f) => f.name)).toEqual(["ep2.mp4", "ep10.mp4"]);
    expect(first.skipped.map((f) => f.name)).toEqual(["notes.txt", ".DS_Store", "._ep3.mp4"]);

    const second = addToSelection(first.selection, [file("ep2.mp4"), file("ep1.mp4")]);
    expect(second.selection.map((f) => f.name)).toEqual(["ep1.mp4", "ep2.mp4", "ep10.mp4"]);
    expect(second.skipped).toEqual([]);
  });

  it("tells apart files of the same name in different folders", () => {
    const { selection } = addToSelection([], [file("01.png", 1, "b/01.png"), file("01.png", 1, "a/01.png")]);
    expect(selection.map((f) => f.webkitRelativePath)).toEqual(["a/01.png", "b/01.png"]);
  });
});

describe("planUploadBatches", () => {
  it("caps the number of files per request", () => {
    const files = Array.from({ length: 45 }, (_, i) => file(`${i}.png`));
    expect(planUploadBatches(files).map((batch) => batch.length)).toEqual([20, 20, 5]);
  });

  it("caps the bytes per request, keeping order, and sends an oversized file alone", () => {
    const files = [file("a.mp4", 150 * MB), file("b.mp4", 60 * MB), file("c.mp4", 500 * MB), file("d.png", 1), file("e.png", 1)];
    expect(planUploadBatches(files).map((batch) => batch.map((f) => f.name))).toEqual([["a.mp4"], ["b.mp4"], ["c.mp4"], ["d.png", "e.png"]]);
  });

  it("fills a request up to exactly the limit", () => {
    const files = [file("a", 100), file("b", 100), file("c", 1)];
    expect(planUploadBatches(files, { maxFiles: 10, maxBytes: 200 }).map((batch) => batch.length)).toEqual([2, 1]);
    expect(planUploadBatches([], { maxFiles: 10, maxBytes: 200 })).toEqual([]);
  });
});

describe("rejectionReason", () => {
  it("drops the file name the API puts in front", () => {
    expect(rejectionReason("empty.png", "empty.png: the file is empty (0 bytes)")).toBe("The file is empty (0 bytes)");
    expect(rejectionReason("x.mp4", "larger than the limit")).toBe("Larger than the limit");
    expect(rejectionReason("", "At most 1000 files per request.")).toBe("At most 1000 files per request.");
  });
});

describe("matchUploadAnswers", () => {
  it("pairs accepted and refused files by name, whatever the order of the answer", () => {
    const batch = [file("a.png"), file("empty.png", 0), file("b.mp4")];
    const outcomes = matchUploadAnswers(batch, {
      uploads: [
        { id: "u-b", fileName: "b.mp4" },
        { id: "u-a", fileName: "a.png" },
      ],
      errors: [{ fileName: "empty.png", message: "empty.png: the file is empty (0 bytes)" }],
    });
    expect(outcomes[fileKey(batch[0]!)]).toEqual({ state: "uploaded", uploadId: "u-a" });
    expect(outcomes[fileKey(batch[1]!)]).toEqual({ state: "refused", reason: "The file is empty (0 bytes)" });
    expect(outcomes[fileKey(batch[2]!)]).toEqual({ state: "uploaded", uploadId: "u-b" });
  });

  it("falls back to order for names the API cleaned, and keeps same-named files apart", () => {
    const batch = [file("x.png", 1, "a/x.png"), file("x.png", 2, "b/x.png"), file("bad\u0001.png")];
    const outcomes = matchUploadAnswers(batch, {
      uploads: [
        { id: "1", fileName: "x.png" },
        { id: "2", fileName: "x.png" },
        { id: "3", fileName: "bad.png" },
      ],
      errors: [],
    });
    expect(Object.values(outcomes).map((outcome) => (outcome.state === "uploaded" ? outcome.uploadId : null))).toEqual(["1", "2", "3"]);
  });
});
