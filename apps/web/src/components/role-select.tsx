import type { SelectHTMLAttributes } from "react";
import { ROLE_LABELS, ROLES } from "@/lib/roles";
import { inputClass } from "./field";

export function RoleSelect({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={`${inputClass} pr-8 ${className}`} {...props}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
