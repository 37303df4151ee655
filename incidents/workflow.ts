/** Who did something and when (ISO 8601 UTC): carried by every workflow record. */
export interface Act {
  by: string;
  at: string;
}

/** The DPO's decision on notification, with the reasoning EDPB Guidelines 9/2022 ask for, notified or not. */
export const NotificationDecision = {
  REGISTER_ONLY: 'register-only',
  NOTIFY_AUTHORITY: 'notify-authority',
  NOTIFY_AUTHORITY_AND_SUBJECTS: 'notify-authority-and-subjects',
} as const;
export type NotificationDecision = (typeof NotificationDecision)[keyof typeof NotificationDecision];

/** Art. 34(3): when data subjects need not be told. */
export const SubjectExemption = {
  /** (a) the data were unintelligible to anyone unauthorised (e.g. encrypted). */
  A_PROTECTED: 'art34-3-a',
  /** (b) later measures mean the high risk is no longer likely to materialise. */
  B_RISK_REMOVED: 'art34-3-b',
  /** (c) telling each would take disproportionate effort: a public communication instead. */
  C_DISPROPORTIONATE: 'art34-3-c',
} as const;
export type SubjectExemption = (typeof SubjectExemption)[keyof typeof SubjectExemption];

/** One submission to a supervisory authority; Art. 33(4) allows phases. */
export interface AuthorityNotification extends Act {
  phase: number;
  authority: string;
  reference?: string;
  /** Required past 72 h after awareness (Art. 33(1)). */
  delayReason?: string;
}

/** The workflow state an incident accumulates; all optional until the step happens. */
export interface IncidentWorkflow {
  acknowledged?: Act;
  escalations?: Array<Act & { level: number; reason: string }>;
  /** Awareness confirmed by a person: starts the Art. 33 72-hour clock. */
  awareness?: Act;
  dismissal?: Act & { reason: string };
  decision?: Act & { outcome: NotificationDecision; reasoning: string; riskScore?: number };
  authorityNotifications?: AuthorityNotification[];
  subjects?: Act &
    (
      | { outcome: 'notified'; channel: string }
      | { outcome: 'exempt'; exemption: SubjectExemption; justification: string }
    );
  closed?: Act & { reason?: string };
  /**
   * The last time a dismissed or closed incident was reopened (a re-emitted finding or a person): the earlier
   * acknowledgement is cleared then, so on-call is asked again and escalation counts from here.
   */
  reopened?: Act;
  /** Art. 33 reminders already sent, by hours after awareness (24, 48, 60, 70), so each goes out once. */
  remindersSent?: number[];
}
