// /api/auth/* — next-auth (password and single sign-on, server-side sessions, sign-out)
import NextAuth from "next-auth";
import { authRouteOptions } from "@/lib/auth/route-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  // Built per request: the single sign-on provider follows the stored configuration at once.
  return NextAuth(await authRouteOptions())(req, ctx);
}

export { handler as GET, handler as POST };
