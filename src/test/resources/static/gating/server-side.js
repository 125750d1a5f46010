window.serverSideGatedRan = (window.serverSideGatedRan || 0) + 1;
