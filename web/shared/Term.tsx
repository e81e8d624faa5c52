/**
 * A label with a technical name after it ("规则哈希 paramsSha256"): the words, then the technical
 * name in small type marked as English, so a Chinese reader reads Chinese and an expert still finds
 * the field. A label without such a tail is shown as it is.
 */
export function Term({ label, block = false }: { label: string; block?: boolean }) {
  const m = /^(.*[^\x20-\x7e].*?)\s+([\x21-\x7e]+)$/.exec(label);
  if (!m) return <>{label}</>;
  return (
    <>
      {m[1]}
      {block ? null : ' '}
      <small className="tech" lang="en" style={block ? { display: 'block' } : undefined}>
        {m[2]}
      </small>
    </>
  );
}
