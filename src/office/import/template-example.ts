/**
 * The import template's worked example (see documents/import-template.ts): row 2 of the template
 * holds an invented child, 示例儿童, with an invented ID number of area 510302 and sequence 123. An
 * operator who leaves it in the sheet must not add a child who does not exist to the draw, so the
 * import recognises it by that name and that shape of ID number and leaves it out, saying so.
 */
export const EXAMPLE_NAME = '示例儿童';

const EXAMPLE_ID = /^510302\d{8}123[0-9Xx]$/;

/** True for the template's example row: its name and the shape of its ID number (as typed, trimmed). */
export function isTemplateExample(name: string, idText: string): boolean {
  return name === EXAMPLE_NAME && EXAMPLE_ID.test(idText);
}
