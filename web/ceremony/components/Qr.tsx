import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code drawn as SVG (crisp at any size, readable on a projector), with its text for screen readers. */
export function Qr({ text, size, label }: { text: string; size: string; label?: string }) {
  const [svg, setSvg] = useState('');
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
      .then((s) => live && setSvg(s))
      .catch(() => live && setSvg(''));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <div
      className="qr"
      role="img"
      aria-label={label ?? text}
      data-qr={text}
      style={{ width: size, height: size }}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
