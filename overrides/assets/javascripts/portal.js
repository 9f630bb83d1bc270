/* 信息报送门户: behaviour without inline handlers (the pages' Content-Security-Policy refuses onclick="…"). */
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-portal-print]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});
