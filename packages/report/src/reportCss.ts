// The HTML report's stylesheet, inlined: a newsroom look on screen and clean pages in print.
export const REPORT_CSS = `
:root{--ink:#1b1f24;--muted:#5b6470;--rule:#d9dde3;--accent:#0b4f8a;--paper:#fff}
*{box-sizing:border-box}
body{margin:0;background:#f3f1ec;color:var(--ink);font:16px/1.55 Georgia,"Times New Roman",serif}
.report{max-width:860px;margin:32px auto;background:var(--paper);padding:48px 56px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1,h2,h3,h4,.kicker,.claim-head,dl,.meta,.stance,.colophon,svg text{font-family:"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--accent);font-weight:700}
h1{font-size:34px;line-height:1.15;margin:8px 0 18px}
h2{font-size:14px;text-transform:uppercase;letter-spacing:.08em;border-top:3px solid var(--ink);padding-top:8px;margin:36px 0 14px}
dl{display:grid;grid-template-columns:130px 1fr;gap:4px 16px;margin:0;font-size:14px}
dt{color:var(--muted)}dd{margin:0}
.charts{display:flex;flex-wrap:wrap;gap:24px}
.chart-title{font-size:13px;font-weight:700;fill:var(--ink)}.chart-label,.chart-value{font-size:12px;fill:var(--muted)}
.chart-bar{fill:var(--accent)}
.team{padding-left:18px;font-size:14px}
.claim{border-top:1px solid var(--rule);padding:22px 0 10px}
.claim-head{display:flex;justify-content:space-between;align-items:center;gap:12px}
.claim-number{font-weight:700;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.verdict{font-weight:700;font-size:13px;padding:3px 10px;border-radius:3px;background:#e8eaee}
.verdict-true,.verdict-mostly_true{background:#d9efe0;color:#12602f}
.verdict-mixed{background:#fbefd0;color:#7a5500}
.verdict-misleading,.verdict-false{background:#f8dcdc;color:#8f1d1d}
.statement{font-size:20px;margin:10px 0}
.quote{margin:12px 0;padding:8px 14px;border-left:4px solid var(--accent);background:#f7f8fa;font-style:italic}
.quote .context{color:var(--muted)}
mark{background:#fff1a8;color:inherit}
.orphaned{background:#fff4e5;border:1px solid #f0b45a;padding:6px 10px;font-size:14px}
.rationale{margin-top:12px}
.evidence-list{padding-left:0;list-style:none}
.evidence{border-left:3px solid var(--rule);padding:4px 10px;margin:8px 0}
.stance-supports{border-color:#3c9a5f}.stance-refutes{border-color:#c0392b}
.stance{font:700 11px/1 Arial,sans-serif;text-transform:uppercase;color:var(--muted);margin-right:4px}
.evidence blockquote{margin:6px 0;color:var(--muted);font-size:14px}
.meta{color:var(--muted);font-size:13px}
a{color:var(--accent)}
.article p,.article blockquote{margin:0 0 10px}
.claim-ref a{text-decoration:none;font:700 10px/1 Arial,sans-serif;margin-left:1px}
.article blockquote{border-left:3px solid var(--rule);padding-left:12px;color:#333}
.article ul,.article ol{margin:0 0 10px;padding-inline-start:24px}.article li>p{margin:0 0 4px}
.article code{font:14px/1.4 "DejaVu Sans Mono",monospace;background:#f3f4f6;padding:0 3px}
.article hr{border:0;border-top:1px solid var(--rule);margin:16px 0}
.colophon{margin-top:40px;font-size:12px;color:var(--muted);border-top:1px solid var(--rule);padding-top:8px}
.agreement-pairs{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
.agreement-pairs caption{text-align:left;font-weight:700;padding:.3rem 0}
.agreement-pairs th,.agreement-pairs td{border-bottom:1px solid var(--rule);padding:.3rem .6rem .3rem 0;text-align:left;vertical-align:top}
@media print{
 body{background:#fff;font-size:11pt}
 .report{box-shadow:none;margin:0;padding:0;max-width:none}
 .claim{break-inside:avoid-page;page-break-inside:avoid}
 .claims .claim+.claim{break-before:auto}
 .article{break-before:page}
 h2,h3,.claim-head{break-after:avoid}
 a[data-url]::after{content:" (" attr(data-url) ")";font-size:9pt;color:var(--muted);word-break:break-all}
 @page{margin:18mm 16mm}
}
`;
