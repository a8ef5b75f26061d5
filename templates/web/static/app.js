// sopgen serve: the drop zone, the upload's progress and the result with its downloads.
// The server answers POST /unggah with JSON lines: "progress" while it works, then one
// "result" (HTML and the documents) or "error" (an Indonesian sentence).
"use strict";
(function () {
  const form = document.getElementById("formulir");
  if (!form) return;
  const zone = document.getElementById("zona");
  const input = document.getElementById("berkas");
  const box = document.getElementById("kemajuan");
  const bar = document.getElementById("kemajuan-isi");
  const status = document.getElementById("kemajuan-teks");
  const message = document.getElementById("pesan");
  const result = document.getElementById("hasil");
  const limit = Number(form.dataset.batas);
  let busy = false;
  let blobs = [];

  function say(text) { message.textContent = text; message.hidden = !text; }
  function show(text, fraction) {
    box.hidden = false;
    status.textContent = text;
    bar.classList.toggle("menunggu", fraction === null);
    if (fraction !== null) bar.style.width = Math.round(fraction * 100) + "%";
  }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function send(files) {
    if (busy || !files.length) return;
    say("");
    let total = 0;
    for (const f of files) total += f.size;
    if (total > limit) {
      say("Berkas yang dipilih berukuran " + (total / 1048576).toFixed(1).replace(".", ",") +
          " MB; batasnya " + form.dataset.batasTeks + ". Unggah sebagian dulu.");
      return;
    }
    const data = new FormData();
    for (const f of files) data.append("berkas", f, f.name);
    const pdfa = form.querySelector("input[name=pdfa]");
    if (pdfa && pdfa.checked) data.append("pdfa", "1");
    busy = true;
    for (const url of blobs) URL.revokeObjectURL(url);
    blobs = [];
    result.innerHTML = "";
    show("Mengunggah… 0%", 0);
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let finished = false;
    xhr.open("POST", "/unggah");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) show("Mengunggah… " + Math.round(e.loaded / e.total * 100) + "%", e.loaded / e.total);
    };
    xhr.upload.onload = function () { show("Terunggah. Menunggu server…", null); };
    function lines(final) {
      const text = xhr.responseText;
      let end;
      while ((end = text.indexOf("\n", seen)) >= 0) {
        const line = text.slice(seen, end);
        seen = end + 1;
        if (line) handle(JSON.parse(line));
      }
      if (final && !finished) say("Sambungan ke server terputus sebelum selesai. Coba unggah lagi.");
    }
    function handle(event) {
      if (event.event === "progress") {
        show(event.text, event.total ? event.done / event.total : null);
      } else if (event.event === "result") {
        finished = true;
        box.hidden = true;
        result.innerHTML = event.html;
        attach(event.files);
        result.scrollIntoView({ behavior: "smooth", block: "start" });
      } else if (event.event === "error") {
        finished = true;
        box.hidden = true;
        say(capital(event.text));
      }
    }
    xhr.onprogress = function () { if (xhr.status === 200) lines(false); };
    xhr.onload = function () {
      busy = false;
      input.value = "";
      if (xhr.status === 200) { lines(true); return; }
      box.hidden = true;
      let text = "Server menjawab dengan galat " + xhr.status + ".";
      try { text = capital(JSON.parse(xhr.responseText).error); } catch (e) { /* not JSON */ }
      say(text);
    };
    xhr.onerror = function () {
      busy = false;
      box.hidden = true;
      say("Server tidak dapat dihubungi. Periksa sambungan jaringan, lalu coba lagi.");
    };
    xhr.send(data);
  }

  // The documents arrive as base64 beside the HTML; each button gets a blob of its own.
  function attach(files) {
    for (const f of files) {
      const raw = atob(f.data);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      const url = URL.createObjectURL(new Blob([bytes], { type: f.type }));
      blobs.push(url);
      for (const a of result.querySelectorAll('a[data-berkas="' + f.id + '"]')) {
        a.href = url;
        a.download = f.name;
      }
    }
  }

  input.addEventListener("change", function () { send(Array.from(input.files)); });
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("aktif"); });
  }
  for (const name of ["dragleave", "drop"]) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("aktif"); });
  }
  zone.addEventListener("drop", function (e) { send(Array.from(e.dataTransfer.files)); });
  form.addEventListener("submit", function (e) { e.preventDefault(); send(Array.from(input.files)); });
})();
