import { PLATFORM_LABELS, PLATFORMS, type Platform } from '@digitallz/contracts';
import { SelectField } from './field';

const OPTIONS = PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] }));

/** A labelled marketplace picker (Amazon, Etsy, eBay). */
export function PlatformSelect({
  id,
  label,
  defaultValue,
}: {
  id: string;
  label: string;
  defaultValue?: Platform;
}) {
  return (
    <SelectField
      id={id}
      name="platform"
      label={label}
      options={OPTIONS}
      defaultValue={defaultValue}
    />
  );
}
