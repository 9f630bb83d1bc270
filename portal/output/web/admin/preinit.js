// 信息报送门户: Decap CMS waits until portal-editor.js has registered the portal's front-matter format.
window.CMS_MANUAL_INIT = true;
