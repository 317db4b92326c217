Signpost('setContext', { role: 'seller', onboarding: { step: 'shop_profile', completed: ['account'], blockers: [] } });
