window.AbortController = undefined;
