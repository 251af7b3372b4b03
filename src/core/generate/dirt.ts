/** Shares of dirty rows that carry each kind of dirt, field by field (SPEC section 5). */
export const DIRT = {
  orderId: { reused: 0.01, blank: 0.002, variant: 0.02 },
  product: { blank: 0.002, lineBreak: 0.0005, typo: 0.028, variant: 0.015, unknown: 0.004, aliasOfAliased: 0.1 },
  category: { otherValid: 0.075, unknown: 0.025, typo: 0.03, alias: 0.02, variant: 0.03, blank: 0.003 },
  quantity: { zero: 0.015, negative: 0.01, huge: 0.004, blank: 0.015, word: 0.015, badWord: 0.006, fraction: 0.008, oddInteger: 0.005 },
  price: { negative: 0.008, blank: 0.01, aboveMax: 0.004, text: 0.006, dollar: 0.06, otherCurrency: 0.01 },
  discount: { heavy: 0.03, blank: 0.05, negative: 0.005, aboveOne: 0.006, percent: 0.2 },
  region: { variant: 0.04, typo: 0.025, alias: 0.025, emea: 0.02, unknown: 0.005, blank: 0.003 },
  date: { blank: 0.035, impossible: 0.008, farPast: 0.004, badFormat: 0.003 },
  email: { blank: 0.15, malformed: 0.05, mixedCase: 0.08, padded: 0.01 },
  revenue: { blank: 0.04, wrong: 0.05 },
} as const;
