// Tables of API rows: a column per field shown, numbers right-aligned and formatted, each
// row tagged with the video or creator it is about (data-video, data-creator) so that a
// reader, or a test, can tell whose figures a row holds. And the rows as a CSV file, in
// the layout of `settlement report --format csv`.

// columns: [{key, label, numeric, wrap, format(value, row) -> text, link(row) -> href}]
// Shows at most `limit` rows; returns how many it shows.
export function fillTable(table, columns, rows, { tag = () => ({}), limit = Infinity, empty } = {}) {
  const head = document.createElement("thead");
  const headRow = head.insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column.label;
    if (column.numeric) th.className = "num";
    headRow.append(th);
  }
  const body = document.createElement("tbody");
  const shown = rows.slice(0, limit);
  for (const row of shown) {
    const tr = body.insertRow();
    Object.assign(tr.dataset, tag(row));
    for (const column of columns) {
      const td = tr.insertCell();
      const value = row[column.key];
      const text = column.format ? column.format(value, row) : String(value ?? "–");
      if (column.link) {
        const a = document.createElement("a");
        a.href = column.link(row);
        a.textContent = text;
        td.append(a);
      } else {
        td.textContent = text;
      }
      if (column.numeric) td.classList.add("num");
      if (column.wrap) td.classList.add("wrap");
    }
  }
  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = columns.length;
    td.className = "empty";
    td.textContent = empty ?? "Nothing in this period.";
  }
  table.replaceChildren(head, body);
  return shown.length;
}

function csvField(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// Header `keys`, then one line per row, CRLF line ends (RFC 4180).
export function csvText(keys, rows) {
  const lines = [keys.map(csvField).join(",")];
  for (const row of rows) lines.push(keys.map((key) => csvField(row[key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

// Offers `text` as a file download.
export function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
