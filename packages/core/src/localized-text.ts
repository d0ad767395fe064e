/** UI text in both languages the product ships (Chinese first: most customers read it). */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}
