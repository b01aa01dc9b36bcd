// The publication pack's stylesheet and register script: separate files, so the pages' CSP allows only 'self'.

/** One stylesheet for the register and every decision page: GOV.UK-like type and colours, and a print style. */
export const PACK_CSS = `* { box-sizing: border-box; }
html { font-family: Arial, 'Liberation Sans', Helvetica, sans-serif; font-size: 100%; line-height: 1.45; color: #0b0c0c; background: #fff; }
body { margin: 0; }
.page { max-width: 66rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: anywhere; }
.skip { position: absolute; left: -9999px; }
.skip:focus { position: static; }
a { color: #1d70b8; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:visited { color: #4c2c92; }
a:hover { color: #003078; text-decoration-thickness: 3px; }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #ffdd00; outline-offset: 0; background: #ffdd00; color: #0b0c0c; box-shadow: 0 4px #0b0c0c; }
input:focus, select:focus { background: #fff; box-shadow: inset 0 0 0 2px #0b0c0c; }
.office { font-weight: bold; margin: 0 0 0.5rem; }
h1 { font-size: 2rem; line-height: 1.15; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; }
p, ul, ol, dl { margin: 0 0 1rem; }
.lead { font-size: 1.2rem; }
.text { white-space: pre-wrap; }
.notice { border-left: 5px solid #1d70b8; padding: 0.5rem 1rem; margin: 0 0 1.5rem; background: #f3f2f1; }
.notice.warning { border-color: #d4351c; }
.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: 0.25rem 1.5rem; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.answers dt { font-weight: bold; margin: 0.75rem 0 0.25rem; }
.answers dd { margin: 0; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; margin: 0 0 1rem; }
.filters label { display: block; font-weight: bold; margin: 0 0 0.25rem; }
.filters input, .filters select { font: inherit; padding: 0.3rem; border: 2px solid #0b0c0c; min-height: 2.5rem; }
.filters input { width: 20rem; max-width: 100%; }
#count { font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: bold; font-size: 1.2rem; margin: 0 0 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 1rem 0.5rem 0; border-bottom: 1px solid #b1b4b6; }
.rich-table th, .rich-table td { border: 1px solid #b1b4b6; padding: 0.25rem 0.5rem; }
th { white-space: nowrap; }
tr[hidden] { display: none; }
button.sort { font: inherit; font-weight: bold; color: #1d70b8; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
button.sort::after { content: ' \\2195'; color: #505a5f; }
th[aria-sort='ascending'] button.sort::after { content: ' \\25B2'; }
th[aria-sort='descending'] button.sort::after { content: ' \\25BC'; }
.tag { display: inline-block; font-weight: bold; font-size: 0.875rem; padding: 0.1rem 0.4rem; background: #d2e2f1; color: #0b0c0c; }
.tag.restricted { background: #fcd6c3; }
.tag.withdrawn { background: #f6d7d2; }
.tag.superseded { background: #e5e6e7; }
.licence { border-top: 1px solid #b1b4b6; padding-top: 1rem; margin-top: 2rem; }
@media print {
  html { font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  .filters, .skip, .no-print { display: none !important; }
  button.sort { color: #0b0c0c; }
  button.sort::after { content: ''; }
  a, a:visited { color: #0b0c0c; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

/**
 * Sorts the register by any column (a button in each header, aria-sort on the header) and filters it by text, year
 * and status, announcing how many decisions are shown. Without it the page is the whole table, newest first.
 */
export const REGISTER_JS = `(function () {
  'use strict';
  var table = document.getElementById('register');
  var form = document.getElementById('filters');
  var count = document.getElementById('count');
  if (!table || !table.tBodies[0] || !form || !count) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById('filter-text');
  var year = document.getElementById('filter-year');
  var status = document.getElementById('filter-status');
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function sortKey(row, column) {
    var cell = row.cells[column];
    return cell ? cell.getAttribute('data-sort') || cell.textContent.trim() : '';
  }

  headers.forEach(function (th, column) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = th.textContent.trim();
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.slice().sort(function (a, b) {
        var order = sortKey(a, column).localeCompare(sortKey(b, column), 'en-GB', { numeric: true, sensitivity: 'base' });
        return ascending ? order : -order;
      }).forEach(function (row) { body.appendChild(row); });
    });
  });

  function plural(n) { return n === 1 ? ' decision' : ' decisions'; }

  function apply() {
    var text = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!text || row.textContent.toLowerCase().indexOf(text) !== -1) &&
        (!year.value || row.getAttribute('data-year') === year.value) &&
        (!status.value || row.getAttribute('data-status') === status.value);
      row.hidden = !visible;
      if (visible) shown++;
    });
    count.textContent = shown === rows.length
      ? 'Showing all ' + rows.length + plural(rows.length)
      : 'Showing ' + shown + ' of ' + rows.length + plural(rows.length);
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.hidden = false;
})();
`;
