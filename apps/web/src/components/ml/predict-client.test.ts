import { describe, expect, it } from "vitest";
import { PredictRequestError, readPredictResponse } from "./predict-client";

describe("readPredictResponse", () => {
  it("returns the API's prediction", () => {
    const body = { label: "FACE", decisionValue: 1.25, runId: "r", backboneId: "b" };
    expect(readPredictResponse(200, body)).toEqual(body);
  });

  it("throws the API's first error with its code", () => {
    const body = { errors: [{ message: "Published run not found.", extensions: { code: "NOT_FOUND" } }] };
    expect(() => readPredictResponse(404, body)).toThrow(new PredictRequestError("Published run not found.", "NOT_FOUND", 404));
    try {
      readPredictResponse(404, body);
    } catch (error) {
      expect(error).toMatchObject({ code: "NOT_FOUND", status: 404 });
    }
  });

  it("refuses an answer that is not a prediction, even with status 200", () => {
    expect(() => readPredictResponse(200, { label: "MAYBE", decisionValue: 0, runId: "r", backboneId: "b" })).toThrow("kao could not classify the image (HTTP 200).");
    expect(() => readPredictResponse(413, null)).toThrow("The image is too large.");
    expect(() => readPredictResponse(502, "<html>")).toThrow("HTTP 502");
  });
});
