/** kao (顔, "face"): a tiny face mark and the name. */
export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-bold tracking-tight text-slate-900 ${className}`}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
        <rect width="32" height="32" rx="9" className="fill-indigo-600" />
        <circle cx="11.5" cy="14" r="2.2" fill="white" />
        <circle cx="20.5" cy="14" r="2.2" fill="white" />
        <path d="M11 20.5c2.8 2.6 7.2 2.6 10 0" stroke="white" strokeWidth="2.2" strokeLinecap="round" fill="none" />
      </svg>
      <span className="text-lg">kao</span>
    </span>
  );
}
