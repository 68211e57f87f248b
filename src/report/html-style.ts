// The look of report.html: large type and high contrast so it reads on a classroom projector.

/** The page's whole stylesheet, inlined in the report. */
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#111;font:20px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{max-width:1500px;margin:0 auto;padding:24px 32px 64px}
.banner{background:#ffd400;color:#000;border:4px solid #000;padding:16px 20px;font-size:1.3em;font-weight:800;margin-bottom:20px}
.kicker{margin:0;font-size:1em;font-weight:700;color:#333;text-transform:uppercase;letter-spacing:.05em}
h1{font-size:2.2em;line-height:1.2;margin:.2em 0 .4em}
h2{font-size:1.5em;margin:1.4em 0 .5em;border-bottom:3px solid #111;padding-bottom:4px}
.what{font-size:1.1em;color:#222;margin:0 0 .6em}
.verdict{display:inline-block;font-size:1.2em;font-weight:800;padding:6px 14px;border:3px solid}
.verdict.pass,tr.pass td:first-child{color:#0b5d1e;border-color:#0b5d1e}
.verdict.fail,tr.fail td:first-child{color:#a00000;border-color:#a00000}
table{border-collapse:collapse;width:100%;font-size:1em}
th,td{border:2px solid #333;padding:6px 12px;text-align:left;vertical-align:top}
table.variants td{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
table.variants thead th{background:#111;color:#fff}
tr.pass td:first-child,tr.fail td:first-child{font-weight:800;width:5em}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(620px,1fr));gap:20px}
figure.chart{margin:0;border:2px solid #ccc;padding:8px}
.box{position:relative;height:380px}
ul.notes li{margin:.3em 0}
`;
