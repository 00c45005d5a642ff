import type { ReactNode } from "react";
import { Button } from "./button";
import { inputClass } from "./field";

/** A plain GET form: the query lives in the URL, so results can be shared and reloaded. */
export function SearchForm({
  action,
  defaultValue,
  placeholder,
  label,
  children,
}: {
  action: string;
  defaultValue: string;
  placeholder: string;
  label: string;
  children?: ReactNode;
}) {
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap items-center gap-2">
      <input
        type="search"
        name="q"
        aria-label={label}
        defaultValue={defaultValue}
        placeholder={placeholder}
        className={`${inputClass} max-w-sm flex-1`}
      />
      {children}
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
