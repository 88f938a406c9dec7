export interface AccountNumber {
  readonly id: string;
  readonly number: string;
  readonly type: string;
  readonly status: string;
}
