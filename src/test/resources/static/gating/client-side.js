window.clientSideGatedRan = (window.clientSideGatedRan || 0) + 1;
