// Gets a bearer token for the hub's query API. In Development the hub lends one from /ioc/dev-token (that endpoint
// exists only while its development issuer is enabled); in production the user signs in with Entra ID (MSAL).
"use strict";
window.iocAuth = (function () {
  let config = null;
  let cached = null; // { token, expiresAt }
  let msal = null;

  async function loadConfig() {
    if (!config) {
      const response = await fetch("config.json", { cache: "no-store" });
      config = response.ok ? await response.json() : { refreshSeconds: 15, auth: { mode: "none" } };
    }
    return config;
  }

  async function devToken() {
    if (cached && cached.expiresAt > Date.now() + 60000) return cached.token;
    const response = await fetch("dev-token", { cache: "no-store" });
    if (!response.ok) return null; // no development issuer: the API decides whether it needs a token
    const body = await response.json();
    cached = { token: body.access_token, expiresAt: Date.now() + (body.expires_in || 300) * 1000 };
    return cached.token;
  }

  async function entraToken(auth) {
    if (!window.msal || !auth.clientId || !auth.authority) {
      throw new Error("sign-in is not configured (Hub:Ioc:Dashboard) or MSAL is missing from vendor/");
    }
    if (!msal) {
      msal = new window.msal.PublicClientApplication({
        auth: { clientId: auth.clientId, authority: auth.authority, redirectUri: window.location.origin + window.location.pathname },
        cache: { cacheLocation: "sessionStorage" },
      });
      await msal.initialize();
      const redirect = await msal.handleRedirectPromise();
      if (redirect && redirect.account) msal.setActiveAccount(redirect.account);
    }
    const request = { scopes: [auth.scope] };
    let account = msal.getActiveAccount() || msal.getAllAccounts()[0];
    if (!account) {
      await msal.loginRedirect(request);
      return null;
    }
    try {
      return (await msal.acquireTokenSilent({ ...request, account })).accessToken;
    } catch (e) {
      await msal.acquireTokenRedirect(request);
      return null;
    }
  }

  async function token() {
    const c = await loadConfig();
    if (c.auth.mode === "development") return devToken();
    if (c.auth.mode === "entra") return entraToken(c.auth);
    return null;
  }

  return { loadConfig, token };
})();
