import Link from "next/link";

export default function Unauthorized() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <p className="text-sm font-semibold text-amber-600">401</p>
      <h1 className="mt-2 text-2xl font-semibold">Please sign in</h1>
      <Link href="/login" className="mt-6 inline-block text-brand-600 underline dark:text-brand-100">Sign in</Link>
    </main>
  );
}
