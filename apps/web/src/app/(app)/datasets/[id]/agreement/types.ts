import type { PersonRef } from "@/lib/labelling/labels";

/** What the agreement page reads (see `Agreement` in the API schema). Figures are null without enough data. */
export interface AgreementData {
  frames: number;
  percentAgreement: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  pairs: { a: PersonRef; b: PersonRef; frames: number; cohenKappa: number | null; percentAgreement: number | null }[];
  byTitle: { title: { id: string; name: string }; frames: number; fleissKappa: number | null; krippendorffAlpha: number | null; percentAgreement: number | null }[];
  byLabeller: { user: PersonRef; frames: number; percentAgreement: number | null; meanCohenKappa: number | null }[];
}

const PERSON = "id name email";

export const AGREEMENT_FIELDS = `
  frames percentAgreement fleissKappa krippendorffAlpha
  pairs { a { ${PERSON} } b { ${PERSON} } frames cohenKappa percentAgreement }
  byTitle { title { id name } frames fleissKappa krippendorffAlpha percentAgreement }
  byLabeller { user { ${PERSON} } frames percentAgreement meanCohenKappa }
`;
