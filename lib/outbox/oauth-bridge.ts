import "server-only";
// Connects the worker's token hook (token.ts) to lib/oauth: the stored authorization, refreshed
// when it expires (with the refresh-token rotation and cross-process refresh lease lib/oauth
// implements). Its ReauthorizationNeededError keeps mail queued (see isReauthorizationRequired).
import { getAccessToken } from "@/lib/oauth";
import { getAccessTokenProvider, setAccessTokenProvider } from "./token";

/** Registers lib/oauth as the token provider unless another one was registered first. */
export function installOAuthTokenProvider() {
  if (getAccessTokenProvider()) return;
  setAccessTokenProvider(async ({ forceRefresh }) => {
    const t = await getAccessToken({ forceRefresh });
    return { accessToken: t.accessToken, expiresAt: t.expiresAt };
  });
}
