/**
 * Whether a text looks like a phone number families can dial: an 11-digit mobile (1[3-9]…), a
 * landline of 7–8 digits with or without its area code (0xx / 0xxx) and an optional extension, or a
 * 400/800 service number; spaces, dashes and a +86 prefix allowed. Pure; shared by the import and
 * the document settings.
 */
export function looksLikePhone(s: string): boolean {
  const t = s
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(](\d{3,4})[）)]/, '$1-')
    .replace(/^(\+86|0086)-?/, '');
  return /^1[3-9]\d{9}$/.test(t) || /^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$/.test(t) || /^[48]00-?\d{3}-?\d{4}$/.test(t);
}
