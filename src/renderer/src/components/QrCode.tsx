import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code of a URL a phone should open (an authorize link, a landing page, the public URL), made
 * by the `qrcode` library as SVG. The text it encodes is the `value`, nothing added.
 */
export function QrCode({ value, label, size = 148 }: { value: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    void QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setSrc(undefined),
    );
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <figure className="qr-code">
      {src ? (
        <img src={src} alt={label} width={size} height={size} data-qr-value={value} />
      ) : (
        <div className="qr-code-blank" style={{ width: size, height: size }} aria-hidden="true" />
      )}
      <figcaption className="field-hint">{label}</figcaption>
    </figure>
  );
}
