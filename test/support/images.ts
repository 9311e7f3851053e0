import { Resvg } from '@resvg/resvg-js';

let logo: Buffer | undefined;

/** An institution's logo as an admin would share it: a 240 × 80 PNG (drawn once per test file). */
export function logoPng(): Buffer {
  logo ??= Buffer.from(
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">
        <rect width="240" height="80" rx="10" fill="#0b4f8a"/>
        <circle cx="40" cy="40" r="26" fill="#f2c14e"/>
        <rect x="80" y="22" width="140" height="12" fill="#ffffff"/>
        <rect x="80" y="46" width="100" height="12" fill="#9fc3e6"/>
      </svg>`,
    )
      .render()
      .asPng(),
  );
  return logo;
}
