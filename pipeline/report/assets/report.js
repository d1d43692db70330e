// vanban report: sortable and filterable tables, pan and zoom of the graphs. No network, no library.
"use strict";

function cellValue(row, index, numeric) {
  const text = row.cells[index] ? row.cells[index].textContent.trim() : "";
  if (!numeric) return text;
  const number = parseFloat(text);
  return isNaN(number) ? -Infinity : number;
}

function sortBy(table, th) {
  const index = Array.from(th.parentNode.children).indexOf(th);
  const numeric = th.dataset.type === "number";
  const ascending = !th.classList.contains("sorted-asc");
  th.parentNode.querySelectorAll("th").forEach((h) => h.classList.remove("sorted-asc", "sorted-desc"));
  th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const collator = new Intl.Collator("vi", { numeric: true });
  rows.sort((a, b) => {
    const x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
    const order = numeric ? x - y : collator.compare(x, y);
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
}

document.querySelectorAll("table.sortable").forEach((table) => {
  table.querySelectorAll("thead th").forEach((th) => th.addEventListener("click", () => sortBy(table, th)));
});

document.querySelectorAll("input.filter").forEach((input) => {
  const table = document.getElementById(input.dataset.table);
  input.addEventListener("input", () => {
    const words = input.value.toLocaleLowerCase("vi").split(/\s+/).filter(Boolean);
    Array.from(table.tBodies[0].rows).forEach((row) => {
      const text = row.textContent.toLocaleLowerCase("vi");
      row.hidden = !words.every((w) => text.includes(w));
    });
  });
});

// Pan (drag) and zoom (wheel) of an SVG by its viewBox; a click that did not drag follows links.
document.querySelectorAll(".graph svg").forEach((svg) => {
  const box = svg.viewBox.baseVal;
  let view = { x: box.x, y: box.y, w: box.width, h: box.height };
  const apply = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const fx = (event.clientX - rect.left) / rect.width, fy = (event.clientY - rect.top) / rect.height;
    const scale = event.deltaY > 0 ? 1.15 : 1 / 1.15;
    const w = view.w * scale, h = view.h * scale;
    view = { x: view.x + (view.w - w) * fx, y: view.y + (view.h - h) * fy, w, h };
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("mousedown", (event) => { drag = { x: event.clientX, y: event.clientY, moved: false }; });
  window.addEventListener("mousemove", (event) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const dx = (event.clientX - drag.x) * view.w / rect.width, dy = (event.clientY - drag.y) * view.h / rect.height;
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) drag.moved = true;
    view.x -= dx; view.y -= dy; drag.x = event.clientX; drag.y = event.clientY;
    apply();
  });
  window.addEventListener("mouseup", () => { setTimeout(() => { drag = null; }, 0); });
  svg.addEventListener("click", (event) => { if (drag && drag.moved) event.preventDefault(); }, true);
});
