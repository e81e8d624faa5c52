/**
 * Where phones reach this server. The operator may open the laptop's pages at localhost, which a
 * phone cannot reach: the control panel then passes the hall-network address as `?base=`.
 */
export function publicBase(): string {
  const given = new URLSearchParams(location.search).get('base');
  if (given && /^https?:\/\/[^/\s]+$/.test(given)) return given;
  return location.origin;
}

/** The path of a ceremony page. */
export function ceremonyPath(eventId: string, page = ''): string {
  return `/ceremony/${encodeURIComponent(eventId)}${page ? `/${page}` : ''}`;
}
