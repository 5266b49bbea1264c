// The HTML shell every webview of ours shares: one place for the strict CSP (our own script and style
// by nonce, images only from the webview's own source when a page shows any, nothing else), so the
// pages cannot drift apart on it. Each page gives its title, its style and its body.

export interface PageParts {
  title: string;
  nonce: string;
  scriptUri: string;
  /** The webview's cspSource, for pages that show images; without it no image may load. */
  imgSource?: string;
  style: string;
  body: string;
}

export function pageShell(p: PageParts): string {
  const img = p.imgSource ? ` img-src ${p.imgSource};` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none';${img} style-src 'nonce-${p.nonce}'; script-src 'nonce-${p.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${p.title}</title>
<style nonce="${p.nonce}">
${p.style}</style>
</head>
<body>
${p.body}<script nonce="${p.nonce}" src="${p.scriptUri}"></script>
</body>
</html>`;
}
