/** The financial year that starts in `year`, as people write it: 2025 is "2025/26". */
export const financialYear = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
