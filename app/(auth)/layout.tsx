export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-600 dark:text-brand-100">Herald</p>
          <p className="text-sm text-slate-500 dark:text-slate-400">Email notification console</p>
        </div>
        {children}
      </div>
    </main>
  );
}
