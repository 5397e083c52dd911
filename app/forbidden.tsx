import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <p className="text-sm font-semibold text-red-600 dark:text-red-400">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">This part of Herald is for admins. Ask an admin if you need it.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline dark:text-brand-100">Back to the dashboard</Link>
    </main>
  );
}
