/** Copies the page's link (query, dataset, time and view live in its hash) to the clipboard. */
import { useState } from 'react';

export function CopyLinkButton() {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  return (
    <button
      type="button"
      className="small-button secondary"
      data-testid="copy-link"
      onClick={() => {
        navigator.clipboard.writeText(location.href).then(
          () => setCopied('yes'),
          () => setCopied('failed'),
        );
        setTimeout(() => setCopied('no'), 2000);
      }}
    >
      {copied === 'yes' ? 'Link copied' : copied === 'failed' ? 'Copy failed: use the address bar' : 'Copy link'}
    </button>
  );
}
