// The reconnect dialog's "reload" links (App.razor). A script file instead of onclick attributes, which the
// Content Security Policy does not allow.
document.addEventListener('click', function (e) {
  var link = e.target.closest && e.target.closest('a.reconnect-reload');
  if (!link) return;
  e.preventDefault();
  location.reload();
});
