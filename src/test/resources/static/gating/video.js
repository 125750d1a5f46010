// Parked as <script type="text/plain" data-cookie-category="video">: counts its runs.
window.videoScriptRan = (window.videoScriptRan || 0) + 1;
